/* govkg explorer: one place to switch view, focus and snapshot. Under `govkg serve` the form
   asks the server for the page (/explorer?view=...&focus=...&snapshot=...); a page opened
   from a file holds only the view it was written for, so the form shows the command that
   writes the other one. */
"use strict";

/** The `govkg viz` command that writes the chosen view. */
govkg.vizCommand = function (view, focus, snapshot) {
  var quote = function (text) { return "'" + text.replace(/'/g, "'\\''") + "'"; };
  return "govkg viz --view " + view + (focus ? " --focus " + quote(focus) : "") +
    (snapshot ? " --snapshot " + snapshot : "") + " -o govkg-" + view + ".html";
};

/** Wire the view switcher. */
govkg.setupSwitcher = function () {
  var form = document.getElementById("switch");
  if (!form) { return; }
  var served = location.protocol === "http:" || location.protocol === "https:";
  var note = document.getElementById("switch-note");
  var focus = govkg.data.view.focus[0];
  if (focus && govkg.data.details[focus]) { form.elements.focus.value = govkg.data.details[focus].label; }
  form.addEventListener("submit", function (event) {
    var view = form.elements.view.value;
    var focus = form.elements.focus.value.trim();
    var snapshot = form.elements.snapshot ? form.elements.snapshot.value : "";
    if ((view === "ego" || view === "accountability") && !focus) {
      event.preventDefault();
      note.textContent = "The " + view + " view needs a focus: a post, person or body.";
      return;
    }
    if (!served) {
      event.preventDefault();
      note.textContent = "This file holds one view. Write the other with: " +
        govkg.vizCommand(view, focus, snapshot) + " — or run `govkg serve` and open /explorer to switch here.";
      return;
    }
    if (!focus) { form.elements.focus.disabled = true; }
    if (form.elements.snapshot && !snapshot) { form.elements.snapshot.disabled = true; }
  });
};
