import { describe, expect, it } from 'vitest';
import { makePersonId } from '$lib/roster/person-id';
import { registerPerson } from './register';

const form = { name: ' 王小明 ', building: '3号楼', unit: '2', room: '1201室', phone: '138-0013-8000' };

describe('registerPerson', () => {
  it('reads the address as an import would and gives the same id an import would', () => {
    const check = registerPerson(form);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.person).toMatchObject({ name: '王小明', building: '3栋', unit: '2单元', room: '1201', phone: '13800138000', initials: 'wxm', tags: [] });
    expect(check.person.id).toBe(makePersonId({ building: '3栋', unit: '2单元', room: '1201', name: '王小明', idMasked: '' }));
  });

  it('takes a person without a phone or a unit', () => {
    expect(registerPerson({ ...form, phone: '', unit: '' }).ok).toBe(true);
  });

  it('lists every problem of an incomplete form', () => {
    expect(registerPerson({ name: ' ', building: '', unit: '', room: '', phone: '12' })).toEqual({ ok: false, problems: ['name', 'building', 'room', 'phone'] });
  });
});
