/* pmm: optional improvements. Every page works without this file. */
(function () {
  "use strict";
  /* The filters of the action list apply as soon as one changes. */
  var form = document.querySelector("form.filters");
  if (form) {
    form.querySelectorAll("select").forEach(function (s) {
      s.addEventListener("change", function () { form.submit(); });
    });
  }
  /* Returning an action asks once more: the comment goes to the institution. */
  document.querySelectorAll("form.return").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (!window.confirm("¿Devolver la acción a la instancia con este comentario?")) e.preventDefault();
    });
  });
})();
