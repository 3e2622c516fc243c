/**
 * axe-core in the page: every serious or critical violation fails the check, with the rule, the
 * elements and axe's advice in the message. axe's source is evaluated through the DevTools
 * protocol, so the app's CSP (no inline scripts) stays as it is.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe on the page as it is; returns a readable list of serious/critical violations. */
export async function seriousViolations(page: Page, screen: string): Promise<string[]> {
  await page.evaluate(axe.source);
  const violations = (await page.evaluate(
    'window.axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)',
  )) as Violation[];
  const summary = violations.map(
    (v) => `${v.impact ?? '?'} ${v.id} (${v.nodes.length}): ${v.help}`,
  );
  console.log(`e2e axe ${screen}: ${summary.length === 0 ? 'no violations' : summary.join(' | ')}`);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${screen}: ${v.id} — ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `  ${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`)
          .join('\n')}`,
    );
}
