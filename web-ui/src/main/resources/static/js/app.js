// The only script of the pages, besides htmx (no inline script: the Content-Security-Policy allows none). It hands
// htmx's requests the session's CSRF token, as the forms carry it in a hidden field.
document.addEventListener("htmx:configRequest", function (event) {
  var header = document.querySelector('meta[name="csrf-header"]');
  var token = document.querySelector('meta[name="csrf-token"]');
  if (header && token) {
    event.detail.headers[header.content] = token.content;
  }
});
