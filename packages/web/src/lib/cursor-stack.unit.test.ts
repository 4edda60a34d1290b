import { describe, expect, it } from 'vitest';
import { FIRST_PAGE, currentCursor, goNext, goPrevious, hasPrevious, pageNumber } from './cursor-stack.js';

describe('cursor stack', () => {
  it('starts on page 1 with no cursor and no previous page', () => {
    expect(currentCursor(FIRST_PAGE)).toBeNull();
    expect(pageNumber(FIRST_PAGE)).toBe(1);
    expect(hasPrevious(FIRST_PAGE)).toBe(false);
  });

  it('goes forward with the next cursor and back to the cursors already seen', () => {
    const page2 = goNext(FIRST_PAGE, 'c2');
    const page3 = goNext(page2, 'c3');
    expect(currentCursor(page3)).toBe('c3');
    expect(pageNumber(page3)).toBe(3);
    const back = goPrevious(page3);
    expect(currentCursor(back)).toBe('c2');
    expect(currentCursor(goPrevious(back))).toBeNull();
  });

  it('stays put when there is no next page or no previous page', () => {
    expect(goNext(FIRST_PAGE, null)).toBe(FIRST_PAGE);
    expect(goPrevious(FIRST_PAGE)).toBe(FIRST_PAGE);
  });
});
