/* The words of a cited provision, for readers who cannot hover.
 *
 * Every citation link of a chapter carries the provision's words as its `title` (a mouse shows it with no
 * script at all) and stands in <span class="sop-cite" data-lang data-dir>, which says what language those
 * words are in. This script shows the same words in a box:
 *   - on a phone or tablet, the first tap on a citation opens the box (the words, and a link to the
 *     provision); a second tap on the same citation, or on the box's link, follows it;
 *   - on keyboard focus (Tab), the box opens below the link and the link is described by it
 *     (aria-describedby), so a screen reader reads the words too; Escape closes it.
 * A mouse click follows the link at once, as before. The box is plain text (textContent): law text never
 * becomes markup. No request, no inline style attribute (the site's Content-Security-Policy allows none).
 */
(function () {
  "use strict";

  var BOX_ID = "sop-cite-box";
  var box = null;      // the box, made on first use
  var owner = null;    // the link the box is open for
  var touched = false; // the last pointer down was a finger or a pen

  function citation(target) {
    var link = target && target.closest ? target.closest(".sop-cite > a[title]") : null;
    return link && document.body.contains(link) ? link : null;
  }

  function makeBox() {
    box = document.createElement("div");
    box.id = BOX_ID;
    box.className = "sop-cite-box";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    var words = document.createElement("p");
    words.className = "sop-cite-box__text";
    var follow = document.createElement("a");
    follow.className = "sop-cite-box__link";
    box.appendChild(words);
    box.appendChild(follow);
    document.body.appendChild(box);
    return box;
  }

  function open(link, withLink) {
    if (!box) makeBox();
    var span = link.parentNode;
    var words = box.firstChild, follow = box.lastChild;
    words.textContent = link.getAttribute("title");
    words.lang = span.getAttribute("data-lang") || document.documentElement.lang;
    words.dir = span.getAttribute("data-dir") || "auto";
    follow.hidden = !withLink;
    follow.href = link.href;
    follow.textContent = link.textContent;
    box.dir = document.documentElement.dir || "ltr";
    box.hidden = false;
    place(link);
    if (owner && owner !== link) owner.removeAttribute("aria-describedby");
    owner = link;
    link.setAttribute("aria-describedby", BOX_ID);
  }

  function close() {
    if (!box || box.hidden) return;
    box.hidden = true;
    if (owner) owner.removeAttribute("aria-describedby");
    owner = null;
  }

  function place(link) {
    // Below the link, inside the viewport; aligned with the link's start edge (right in Arabic and Kurdish).
    var r = link.getBoundingClientRect();
    var width = box.offsetWidth;
    var room = document.documentElement.clientWidth;
    var left = box.dir === "rtl" ? r.right - width : r.left;
    left = Math.max(8, Math.min(left, room - width - 8));
    box.style.left = Math.round(left + window.scrollX) + "px";
    box.style.top = Math.round(r.bottom + window.scrollY + 6) + "px";
  }

  document.addEventListener("pointerdown", function (event) {
    touched = event.pointerType === "touch" || event.pointerType === "pen";
  }, true);

  document.addEventListener("click", function (event) {
    var link = citation(event.target);
    if (!link) {
      if (box && !box.contains(event.target)) close();
      return;
    }
    if (!touched || owner === link) return; // a mouse, or the second tap: follow the link
    event.preventDefault();
    open(link, true);
  });

  document.addEventListener("focusin", function (event) {
    var link = citation(event.target);
    if (link && !touched && link.matches(":focus-visible")) open(link, false);
  });

  document.addEventListener("focusout", function (event) {
    if (owner && event.target === owner && !touched) close();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
  });

  window.addEventListener("resize", close);
})();
