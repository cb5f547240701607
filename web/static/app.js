// Saraban Search: small helps on top of pages that work without scripts.
"use strict";

// On a phone the advanced fields start folded: the main search box comes first.
if (window.matchMedia("(max-width: 560px)").matches) {
  document.querySelectorAll("details.advanced[data-fold-on-phone]").forEach(function (d) {
    d.open = false;
  });
}

// "พิมพ์รายการ": shown only when scripts run; the print stylesheet does the rest.
document.querySelectorAll("[data-print]").forEach(function (link) {
  link.hidden = false;
  link.addEventListener("click", function (event) {
    event.preventDefault();
    window.print();
  });
});

// The sender field suggests the senders of the archive as the clerk types (name,
// abbreviation, code, how many letters): an ARIA combobox, so that the arrow keys move
// through the suggestions, Enter takes one, Escape closes them, and a screen reader says
// each. Without scripts the field is a plain text field.
document.querySelectorAll("input[data-suggest]").forEach(function (input) {
  var box = document.createElement("ul");
  box.id = input.id + "-suggestions";
  box.className = "suggestions";
  box.setAttribute("role", "listbox");
  box.setAttribute("aria-label", "ส่วนราชการที่ตรงกับที่พิมพ์");
  box.hidden = true;
  input.insertAdjacentElement("afterend", box);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", box.id);
  input.setAttribute("aria-expanded", "false");
  var timer = null, asked = null, active = -1;

  function options() { return box.querySelectorAll("[role=option]"); }
  function close() {
    box.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function mark(k) {
    var all = options();
    all.forEach(function (o, i) { o.setAttribute("aria-selected", i === k ? "true" : "false"); });
    active = k;
    if (k >= 0) {
      input.setAttribute("aria-activedescendant", all[k].id);
      all[k].scrollIntoView({block: "nearest"});
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function take(option) {
    input.value = option.dataset.value;
    asked = input.value.trim();
    close();
  }
  function fill(senders) {
    box.textContent = "";
    senders.forEach(function (s, i) {
      var li = document.createElement("li");
      li.id = box.id + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.value = s.name;
      var name = document.createElement("span");
      name.className = "name";
      name.textContent = s.name;
      var more = document.createElement("span");
      more.className = "more";
      more.textContent = [s.abbr, s.code, s.count.toLocaleString("th-TH") + " ฉบับ"]
        .filter(Boolean).join(" · ");
      li.appendChild(name);
      li.appendChild(more);
      li.addEventListener("mousedown", function (event) { event.preventDefault(); take(li); });
      box.appendChild(li);
    });
    var any = senders.length > 0;
    box.style.top = (input.offsetTop + input.offsetHeight) + "px";   // right under the field
    box.hidden = !any;
    input.setAttribute("aria-expanded", any ? "true" : "false");
    active = -1;
  }
  function ask() {
    var typed = input.value.trim();
    if (typed === asked) return;
    asked = typed;
    if (!typed) { fill([]); return; }
    fetch(input.dataset.suggest + "?q=" + encodeURIComponent(typed), {credentials: "same-origin"})
      .then(function (res) { return res.ok ? res.json() : {senders: []}; })
      .then(function (data) { if (data.query === input.value.trim()) fill(data.senders); })
      .catch(function () {});
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 120);
  });
  input.addEventListener("keydown", function (event) {
    var all = options();
    if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      if (box.hidden) { box.hidden = false; input.setAttribute("aria-expanded", "true"); }
      mark(Math.min(active + 1, all.length - 1));
    } else if (event.key === "ArrowUp" && all.length && !box.hidden) {
      event.preventDefault();
      mark(Math.max(active - 1, 0));
    } else if (event.key === "Enter" && !box.hidden && active >= 0) {
      event.preventDefault();   // takes the suggestion; a second Enter searches
      take(all[active]);
    } else if (event.key === "Escape" && !box.hidden) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
});
