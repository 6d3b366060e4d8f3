/* global document, window */
// The large-font switch: remembered in this browser only, so the page itself stays the same for everyone.
(function () {
  var root = document.documentElement;
  var button = document.getElementById('font-size');
  function apply(large) {
    root.classList.toggle('large', large);
    if (button) button.setAttribute('aria-pressed', large ? 'true' : 'false');
  }
  var saved = false;
  try {
    saved = window.localStorage.getItem('xingfu-portal-large') === '1';
  } catch {
    saved = false;
  }
  apply(saved);
  if (button)
    button.addEventListener('click', function () {
      var large = !root.classList.contains('large');
      apply(large);
      try {
        window.localStorage.setItem('xingfu-portal-large', large ? '1' : '0');
      } catch {
        /* private mode: the switch still works for this page */
      }
    });
})();
