import { csvField, toCsv } from './csv';

describe('CSV as RFC 4180 and spreadsheets want it', () => {
  it('quotes a field with a comma, a quote or a line break, doubling its quotes', () => {
    expect(csvField('Plan, 2019-2021')).toBe('"Plan, 2019-2021"');
    expect(csvField('the "decree"')).toBe('"the ""decree"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('Commission d’intégration')).toBe('Commission d’intégration');
  });

  it('leaves numbers, booleans and empty figures as they are, and joins lists', () => {
    expect([csvField(4900), csvField(-3), csvField(false), csvField(null), csvField(['FAMA', 'CTS'])]).toEqual(['4900', '-3', 'false', '', 'FAMA; CTS']);
  });

  it('never lets a text cell run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('-1 tranche')).toBe("'-1 tranche");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('starts with a byte-order mark and ends every record with CRLF', () => {
    expect(toCsv(['id', 'title'], [['decree-ranks-2019', 'Décret']])).toBe('\uFEFFid,title\r\ndecree-ranks-2019,Décret\r\n');
  });
});
