// Small DOM and number helpers shared by every part of the page.

export const $ = (id) => document.getElementById(id);
export const nf = new Intl.NumberFormat('fr-FR');
export const nf1 = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

// A message in the red box at the top, gone after 8 s.
export function showError(message) {
  const box = $('erreur');
  box.textContent = message;
  box.hidden = false;
  setTimeout(() => { box.hidden = true; }, 8000);
}

// A table cell (or header cell) with text, appended to the row.
export function cell(tr, text, header) {
  const c = document.createElement(header ? 'th' : 'td');
  c.textContent = text;
  tr.append(c);
}

// Clicks a temporary link: how the page hands a file (CSV, PNG) to the browser.
export function download(href, filename) {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.click();
}
