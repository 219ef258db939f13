// A double click submits a petition once: the buttons are disabled once the form is sent
// (the server also ignores a second post of the same form).
document.querySelectorAll(".petition-form").forEach(function (form) {
  form.addEventListener("submit", function () {
    setTimeout(function () {
      form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
    }, 0);
  });
});
