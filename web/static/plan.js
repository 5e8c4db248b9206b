// plan.js — small enhancements for the plan pages; everything works without it.
// (A separate file: the Content-Security-Policy forbids inline script.)
(function () {
  'use strict';
  // expand or collapse the whole tree of a plan
  var tools = document.querySelector('[data-tree-tools]');
  if (tools) {
    var setAll = function (open) {
      document.querySelectorAll('[data-tree] details').forEach(function (d) { d.open = open; });
    };
    tools.hidden = false;
    tools.querySelector('[data-expand]').addEventListener('click', function () { setAll(true); });
    tools.querySelector('[data-collapse]').addEventListener('click', function () { setAll(false); });
  }
  // import: read the chosen file into the text area
  var file = document.querySelector('[data-file-into]');
  if (file) {
    var target = document.getElementById(file.getAttribute('data-file-into'));
    var pick = file.closest('.file-pick');
    if (pick) pick.hidden = false;
    file.addEventListener('change', function () {
      var f = file.files && file.files[0];
      if (!f || !target) return;
      var format = document.querySelector('select[name=format]');
      if (format && /\.csv$/i.test(f.name)) format.value = 'csv';
      if (format && /\.json$/i.test(f.name)) format.value = 'json';
      var reader = new FileReader();
      reader.onload = function () { target.value = reader.result; };
      reader.readAsText(f, 'utf-8');
    });
  }
  // the printable document's print button
  var print = document.querySelector('[data-print]');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', function () { window.print(); });
  }
})();
