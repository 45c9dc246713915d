// What an import reports beside its items: warnings, and items left out with the reason,
// each in the user's language (the English message is the fallback).
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';

export function IssueList({
  title,
  issues,
}: {
  title: string;
  issues: { code: string; message: string; detail?: Record<string, string | number> }[];
}): JSX.Element {
  const { t } = useTranslation();
  return (
    <details className="issues" open={issues.length <= 5}>
      <summary>
        {title} ({issues.length})
      </summary>
      <ul>
        {issues.map((issue, index) => (
          <li key={index}>
            {t(`importWarnings.${issue.code}`, { defaultValue: issue.message, ...issue.detail })}
            {issue.detail?.['name'] !== undefined && <span className="hint"> — {String(issue.detail['name'])}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}
