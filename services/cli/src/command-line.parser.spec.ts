import { parseCommandLine, UsageError } from './command-line.parser';

const FLAGS = { values: ['--api', '--since'], booleans: ['--json'], repeatable: ['--region', '--kind'] };

describe('parseCommandLine', () => {
  it('reads value, boolean and repeatable flags around positional arguments', () => {
    const parsed = parseCommandLine(
      [
        'a.txt',
        '--api',
        'http://x',
        '--region',
        '吕梁市',
        '--json',
        'b.txt',
        '--region=汾阳市',
        '--kind',
        'appointment',
      ],
      FLAGS,
    );
    expect(parsed.positional).toEqual(['a.txt', 'b.txt']);
    expect(parsed.values).toEqual(new Map([['--api', 'http://x']]));
    expect(parsed.booleans).toEqual(new Set(['--json']));
    expect(parsed.repeated).toEqual(
      new Map([
        ['--region', ['吕梁市', '汾阳市']],
        ['--kind', ['appointment']],
      ]),
    );
    expect(parsed.help).toBe(false);
  });

  it('splits an inline value at the first "=" only', () => {
    expect(parseCommandLine(['--api=http://h/x?a=b&c=d'], FLAGS).values.get('--api')).toBe('http://h/x?a=b&c=d');
  });

  it('keeps the last of a value flag given twice', () => {
    expect(parseCommandLine(['--since', '2024-01-01', '--since', '2024-02-01'], FLAGS).values.get('--since')).toBe(
      '2024-02-01',
    );
  });

  it('takes everything after -- as positional, and a lone - as a positional', () => {
    const parsed = parseCommandLine(['-', '--', '--json', '--nope'], FLAGS);
    expect(parsed.positional).toEqual(['-', '--json', '--nope']);
    expect(parsed.booleans.size).toBe(0);
  });

  it('notices --help and -h whatever the command declares', () => {
    expect(parseCommandLine(['--help'], {}).help).toBe(true);
    expect(parseCommandLine(['x', '-h'], {}).help).toBe(true);
  });

  it.each([
    [['--bogus'], /unknown option --bogus/],
    [['--json=yes'], /--json takes no value/],
    [['--api'], /--api needs a value/],
    [['--region'], /--region needs a value/],
    [['--timeout', '5'], /unknown option --timeout/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCommandLine(argv, FLAGS)).toThrow(UsageError);
    expect(() => parseCommandLine(argv, FLAGS)).toThrow(message);
  });
});
