import '../testing/browser-globals';
import { setLanguage } from '../i18n/i18n';
import { explain, explainProblem } from './refusals';

describe("the API's refusals, in the reader's language", () => {
  it('says a known refusal again in French, bodies, actions and dates as people write them', () => {
    setLanguage('fr');
    expect(explain('integration-quota has no step SCDS APPROVE on its pathway')).toBe("integration-quota n'a pas d'étape SCDS · approbation dans son parcours");
    expect(explain('CTS-41 was held on 2019-09-25, not 2019-09-26')).toBe("CTS-41 s'est tenue le 25 septembre 2019, pas le 26 septembre 2019");
    expect(explain('redeployment-plan-2019-2021 did not await SCDS FINAL_ADOPTION on 2019-09-20 (it was PENDING)')).toBe(
      "redeployment-plan-2019-2021 n'attendait pas SCDS · adoption finale le 20 septembre 2019 (il était en attente)",
    );
    expect(explain('due date 2019-01-01 is before the commitment was made (2019-11-04)')).toBe(
      "l'échéance du 1 janvier 2019 précède l'engagement (pris le 4 novembre 2019)",
    );
    expect(explain('RecordStepDecision is for the CTS secretariat, not INTEGRATION_COMMISSION')).toBe(
      "RecordStepDecision revient au secrétariat de CTS, pas à Commission d'intégration",
    );
    expect(explain('only the CTS secretariat, which leads redeployment-plan-2019-2021, may do this')).toBe(
      'seul le secrétariat de CTS, qui mène redeployment-plan-2019-2021, peut le faire',
    );
  });

  it('keeps the API words it does not know, and speaks English when asked', () => {
    setLanguage('fr');
    expect(explain('something new went wrong')).toBe('something new went wrong');
    setLanguage('en');
    expect(explain('no instrument decree-2020')).toBe('no instrument decree-2020');
    expect(explain('PRESIDENCY ENDORSE on decree-ranks-2019 is already decided (APPROVED)')).toBe(
      'Presidency · endorse on decree-ranks-2019 is already decided (APPROVED)',
    );
  });

  it("names the field of an invalid input by its label in the reader's language", () => {
    setLanguage('fr');
    expect(explainProblem('effectiveDate must be a real calendar date (YYYY-MM-DD), not in the future')).toBe(
      'Date effective : doit être une date réelle (AAAA-MM-JJ), pas dans le futur',
    );
    expect(explainProblem('count must not be less than 0')).toBe('Nombre : ne doit pas être inférieur à 0');
    // A constraint the desk does not know keeps the API's words; a nested field is named by its own name.
    expect(explainProblem('pathway.0.action must name an action')).toBe('Action : must name an action');
    setLanguage('en');
    expect(explainProblem('dueDate should not be empty')).toBe('Due date: must not be empty');
  });
});
