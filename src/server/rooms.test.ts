import { describe, expect, it } from 'vitest';
import { Rooms } from './rooms.js';

describe('Rooms', () => {
  it('bounds the rooms and each room’s members; an emptied room frees its place', () => {
    const rooms = new Rooms<string>(2, 2);
    expect([rooms.join('r1', 'a'), rooms.join('r1', 'b'), rooms.join('r1', 'c')]).toEqual(['ok', 'ok', 'room-full']);
    expect([rooms.join('r2', 'a'), rooms.join('r3', 'a')]).toEqual(['ok', 'rooms-full']);
    rooms.leave('r2', 'a');
    expect(rooms.join('r3', 'a')).toBe('ok');
    expect(rooms.get('r2')).toBeUndefined();
  });
});
