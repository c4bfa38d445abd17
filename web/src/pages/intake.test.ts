import { describe, expect, it } from 'vitest';
import { ageProblem, earlierAnswers } from './intake';
import type { IntakeBody } from '../components/data';

describe('answering the questions again', () => {
  it('starts the questionnaires from the earlier answers, except item 9 whose 5-point answer is not kept', () => {
    const body = { age: 52, new_pain: false, red_flag_answers: [], start_back: [1, 0, 0, 1, 0, 0, 0, 1, 1], odi: [1, 2, 0, null, 1, 0, 0, 0, 1, 0], nprs: 3 } as IntakeBody;
    const got = earlierAnswers(body);
    expect(got).toMatchObject({ age: '52', new_pain: 'no', start_back_1: '1', start_back_8: '1', odi_4: 'skip', odi_2: '2', nprs: '3' });
    expect(got['start_back_9']).toBeUndefined();
  });

  it('gives nothing from an emergency intake without the questionnaires', () => {
    expect(earlierAnswers({ red_flag_answers: [{ flag: 'saddle_numbness', answer: 'yes' }] } as IntakeBody)).toEqual({});
  });
});

describe('the intake’s age', () => {
  it('is answered by a whole number of years from 1 to 120, and says why any other answer is not taken', () => {
    expect(ageProblem('44')).toBeUndefined();
    expect(ageProblem('')).toBe('Please answer this question.');
    // A typing error is an answer: it is not "not answered yet".
    for (const v of ['999', '0', '121', '4.5', '-3']) expect(ageProblem(v)).toBe('Please give your age in whole years, from 1 to 120.');
  });
});
