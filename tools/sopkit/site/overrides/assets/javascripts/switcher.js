/* The language switcher keeps the reader's place: Material's language links lead to the same page in the
   other language (the sop plugin points them there); this adds the anchor the reader is at. Sections and
   provisions carry the same id in every language, so the anchor holds across languages.

   The place is the anchor in the address bar when its heading is still in view, else the heading the table
   of contents marks as the one being read (the reader has scrolled since), else the address bar's anchor. */
(function () {
  "use strict";

  function inView(id) {
    var target = id && document.getElementById(id);
    if (!target) return false;
    var box = target.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }

  function place() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash && inView(hash)) return hash;
    var active = document.querySelector(".md-nav--secondary .md-nav__link--active");
    var href = active && active.getAttribute("href");
    if (href && href.charAt(0) === "#") return decodeURIComponent(href.slice(1));
    return hash;
  }

  function carry(event) {
    var link = event.target && event.target.closest ? event.target.closest("a[hreflang]") : null;
    if (!link || !link.closest(".md-select")) return;
    var url = new URL(link.getAttribute("href"), location.href);
    var anchor = place();
    url.hash = anchor ? "#" + encodeURIComponent(anchor) : "";
    link.href = url.href;
  }

  // before the browser follows the link: a click, a middle click, or Enter (which clicks)
  document.addEventListener("click", carry, true);
  document.addEventListener("auxclick", carry, true);
  document.addEventListener("contextmenu", carry, true);  // "open in new tab" from the menu
})();
