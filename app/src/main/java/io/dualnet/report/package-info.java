/** The HTML reproduction report: sections, figures, tables, verdicts on the papers' claims, and plots. */
package io.dualnet.report;
