/**
 * Playwright global setup: writes the fake-camera videos before any test launches a
 * browser with them. Generation is skipped for files already on disk (named by content).
 */
import { standardVideos } from './fake-video';
import { roundVideos } from './round-videos';

export default async function globalSetup(): Promise<void> {
  standardVideos();
  roundVideos();
}
