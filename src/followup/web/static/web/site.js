// Behaviour the pages need beyond htmx. No inline handlers: the Content-Security-Policy forbids them.
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-submit-on-change]")) {
    event.target.form.requestSubmit();
  }
});
