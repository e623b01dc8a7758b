// Copy buttons on the rule page: copy the code as written, without the lint notes shown under
// its lines. The buttons are hidden in the HTML and shown here, so without JavaScript there is
// no button that does nothing. They are real <button>s: Enter and Space work.

/** The code's own lines, in order, without the lint notes between them. */
function codeText(code) {
  const lines = code.querySelectorAll('.line');
  return lines.length ? [...lines].map((l) => l.textContent).join('\n') + '\n' : code.textContent;
}

for (const button of document.querySelectorAll('button.copy[data-copy]')) {
  const code = document.getElementById(button.dataset.copy);
  const status = document.getElementById(`${button.dataset.copy}-copied`);
  if (!code || !status) continue;
  button.hidden = false;
  let clear = 0;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(codeText(code));
      status.textContent = 'Copied';
    } catch {
      status.textContent = 'Copy failed: select the text and copy it by hand';
    }
    clearTimeout(clear);
    clear = setTimeout(() => (status.textContent = ''), 3000);
  });
}
