import { matchMeeting } from './meeting-parser';

describe('matchMeeting', () => {
  it('reads a meeting dated by month and day, in the year given', () => {
    expect(matchMeeting('经11月24日市人民政府党组会议研究', 2023)).toEqual({
      meeting: { name: '市人民政府党组会议', date: '2023-11-24' },
      rest: '',
    });
  });

  it('keeps what follows the phrase', () => {
    expect(matchMeeting('经2022年3月2日县人民政府第5次常务会议研究决定任命张三为县财政局局长', null)).toEqual({
      meeting: { name: '县人民政府第5次常务会议', date: '2022-03-02' },
      rest: '任命张三为县财政局局长',
    });
  });

  it('gives no date without a year and none without a meeting', () => {
    expect(matchMeeting('经3月2日市政府常务会研究', null)?.meeting).toEqual({ name: '市政府常务会', date: null });
    expect(matchMeeting('经研究', 2023)).toBeNull();
    expect(matchMeeting('吕梁经济技术开发区管委会主任', 2023)).toBeNull();
  });
});
