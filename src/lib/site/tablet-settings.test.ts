import { describe, expect, it } from 'vitest';
import { testRegistry } from './registry-fixtures';
import { TabletSettings } from './tablet-settings.svelte';

async function loaded(registry = testRegistry().registry) {
  const settings = new TabletSettings(registry);
  await settings.load();
  return settings;
}

describe('TabletSettings', () => {
  it('a new tablet has no name and nobody on duty, and serves the gate', async () => {
    const settings = await loaded();
    expect([settings.deviceName, settings.staff, settings.station, settings.cameraId]).toEqual(['', '', 'gate', undefined]);
  });

  it('keeps the name, the duty person, the station and the camera across a reload, trimmed', async () => {
    const { registry, reopen } = testRegistry();
    const settings = await loaded(registry);
    await settings.setDeviceName('  北门1号 ');
    await settings.setStaff(' 王五 ');
    await settings.setStation('recorder');
    await settings.setCameraId('back-camera');
    expect([settings.deviceName, settings.staff]).toEqual(['北门1号', '王五']);
    registry.close();

    const again = await loaded(reopen());
    expect([again.deviceName, again.staff, again.station, again.cameraId]).toEqual(['北门1号', '王五', 'recorder', 'back-camera']);
  });

  it('tells when what the others see changes (name, station), not for the duty person or the same station', async () => {
    const settings = await loaded();
    let told = 0;
    const stop = settings.onIdentityChange(() => told++);
    await settings.setDeviceName('北门1号');
    await settings.setStation('guide');
    await settings.setStation('guide');
    await settings.setStaff('王五');
    expect(told).toBe(2);
    stop();
    await settings.setStation('gate');
    expect(told).toBe(2);
  });

  it('signs the duty person in only once it is on disk', async () => {
    const { registry } = testRegistry();
    const settings = await loaded(registry);
    registry.close(); // a closed database refuses the write
    await expect(settings.setStaff('王五')).rejects.toThrow();
    expect(settings.staff).toBe('');
  });
});
