import { describe, expect, it } from 'vitest';
import { operationLabel } from './operation-label.js';

describe('operationLabel', () => {
  it('keeps the first names, strips the gateway fetch suffix, and caps the rest as other', () => {
    expect(operationLabel(undefined, 3)).toBe('anonymous');
    expect(operationLabel('Me__users__0', 3)).toBe('Me');
    expect(operationLabel('Search', 3)).toBe('Search');
    expect(operationLabel('not a name!', 3)).toBe('other');
    expect(operationLabel('Third', 3)).toBe('Third');
    expect(operationLabel('Fourth', 3)).toBe('other');
    expect(operationLabel('Me', 3)).toBe('Me');
  });
});
