/**
 * Today's visitors, vehicles and temperature readings for the site tally screen, derived
 * from the entries of every tablet this one has merged with (never stored), and the
 * visitors still inside.
 */
import { Live } from '$lib/ledger/live.svelte';
import type { EntrySource } from '$lib/site/station-context';
import { tallyTemperature, type TemperatureTally } from './temperature/reading';
import { tallyVehicles, type VehicleTally } from './vehicles/vehicles';
import { VisitorsInside } from './visitors/inside.svelte';
import { tallyVisitors, type VisitorTally } from './visitors/visitors';

export interface CheckpointTally {
  visitors: VisitorTally;
  vehicles: VehicleTally;
  temperature: TemperatureTally;
}

export class CheckpointTallyView {
  readonly today: Live<CheckpointTally>;
  readonly inside: VisitorsInside;

  constructor(source: EntrySource) {
    this.inside = new VisitorsInside(source);
    this.today = new Live(async () => {
      const day = source.today();
      const kinds = ['visitor', 'vehicle', 'temperature', 'void'] as const;
      const all = (await Promise.all(kinds.map((k) => source.reads.dayKindEntries(day, k)))).flat();
      return { visitors: tallyVisitors(all), vehicles: tallyVehicles(all), temperature: tallyTemperature(all) };
    });
  }

  destroy() {
    this.today.destroy();
    this.inside.destroy();
  }
}
