// Behaviour the pages need beyond htmx. No inline handlers: the Content-Security-Policy forbids them.
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-submit-on-change]")) {
    event.target.form.requestSubmit();
  }
});

// The main menu folds behind a button on narrow screens (without JavaScript it stays open).
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector("[data-menu-toggle]");
  if (!toggle) return;
  const nav = document.getElementById(toggle.getAttribute("aria-controls"));
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("open", open);
  });
});

// A file over the size limit is refused before it is sent: the form says why, next to the field.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!input.matches("input[type=file][data-max-bytes]")) return;
  const limit = Number(input.dataset.maxBytes);
  const file = input.files && input.files[0];
  const tooBig = file && file.size > limit;
  const message = tooBig ? input.dataset.tooBig || `${file.name}: > ${limit} bytes` : "";
  input.setCustomValidity(message);
  let note = input.parentElement.querySelector(".file-too-big");
  if (tooBig && !note) {
    note = document.createElement("p");
    note.className = "errorlist file-too-big";
    note.setAttribute("role", "alert");
    input.before(note);
  }
  if (note) {
    note.textContent = message;
    note.hidden = !tooBig;
  }
});
document.addEventListener("submit", (event) => {
  const big = event.target.querySelector("input[type=file][data-max-bytes]");
  if (big && big.validationMessage && event.submitter?.name !== "find") {
    event.preventDefault();
    big.focus();
  }
});

// The item picker: a combobox whose listbox htmx fills as the person types. Arrow keys move
// through the options, Enter or a click adds the item to the chosen ones (a checked box named
// "items", as the form has without JavaScript), Escape closes the list.
document.addEventListener("DOMContentLoaded", () => {
  const input = document.querySelector("[data-item-picker]");
  if (!input) return;
  const listbox = document.getElementById(input.getAttribute("aria-controls"));
  const chosen = document.getElementById("chosen-items");
  const status = document.getElementById("item-options-status");
  const find = input.form.querySelector(".picker-find");
  if (find) find.remove(); // Enter in the form's fields saves; in the search it chooses
  let active = -1;

  const options = () => [...listbox.querySelectorAll("[role=option]:not([aria-disabled=true])")];
  const setActive = (index) => {
    const all = options();
    all.forEach((option, i) => option.classList.toggle("active", i === index));
    active = index;
    if (index >= 0 && all[index]) {
      input.setAttribute("aria-activedescendant", all[index].id);
      all[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };
  const open = (yes) => {
    input.setAttribute("aria-expanded", String(yes));
    listbox.hidden = !yes;
    if (!yes) setActive(-1);
  };
  const isChosen = (id) => chosen.querySelector(`input[name=items][value="${id}"]`);
  const markChosen = () => {
    for (const option of options()) {
      option.setAttribute("aria-selected", String(Boolean(isChosen(option.dataset.itemId))));
    }
  };
  const choose = (option) => {
    const id = option.dataset.itemId;
    const box = isChosen(id);
    if (box) {
      box.checked = true;
    } else {
      const item = document.createElement("li");
      const label = document.createElement("label");
      const check = document.createElement("input");
      check.type = "checkbox";
      check.name = "items";
      check.value = id;
      check.checked = true;
      label.append(check, " ");
      for (const node of option.childNodes) label.append(node.cloneNode(true));
      item.append(label);
      chosen.append(item);
    }
    markChosen();
    status.textContent = `${input.dataset.addedText || "+"} ${option.textContent.trim().slice(0, 80)}`;
  };

  open(false);
  document.addEventListener("htmx:afterSwap", (event) => {
    if (event.target !== listbox && event.detail?.target !== listbox) return;
    markChosen();
    const count = options().length;
    open(listbox.children.length > 0);
    setActive(count ? 0 : -1);
    status.textContent = input.dataset.countText
      ? input.dataset.countText.replace("%(count)s", count)
      : String(count);
  });
  listbox.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus
  listbox.addEventListener("click", (event) => {
    const option = event.target.closest("[role=option]:not([aria-disabled=true])");
    if (option) choose(option);
  });
  input.addEventListener("keydown", (event) => {
    const all = options();
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (listbox.hidden) open(listbox.children.length > 0);
      if (!all.length) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((active + step + all.length) % all.length);
    } else if (event.key === "Enter") {
      event.preventDefault(); // never submits the form
      if (!listbox.hidden && all[active]) choose(all[active]);
    } else if (event.key === "Escape") {
      if (!listbox.hidden) {
        event.preventDefault();
        open(false);
      }
    }
  });
  input.addEventListener("blur", () => open(false));
  input.addEventListener("focus", () => open(listbox.children.length > 0));
});
