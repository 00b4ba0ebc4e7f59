extension Assets {
    /// Keyboard shortcuts only: every page works without it.
    /// `j`/`k` move between the page's items (`[data-item]`: rows, versions,
    /// changes), `/` focuses the search box, `?` shows the help.
    static let script = """
        (function () {
          "use strict";
          var index = -1;
          function items() { return Array.prototype.slice.call(document.querySelectorAll("[data-item]")); }
          function select(step) {
            var list = items();
            if (list.length === 0) { return; }
            if (index >= 0 && list[index]) { list[index].classList.remove("selected"); }
            index = Math.max(0, Math.min(list.length - 1, index + step));
            var item = list[index];
            item.classList.add("selected");
            item.scrollIntoView({ block: "center" });
            var link = item.querySelector("a");
            if (link) { link.focus({ preventScroll: true }); }
          }
          document.addEventListener("keydown", function (event) {
            var target = event.target;
            if (event.ctrlKey || event.metaKey || event.altKey) { return; }
            if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) {
              if (event.key === "Escape") { target.blur(); }
              return;
            }
            if (event.key === "j") { select(1); event.preventDefault(); }
            else if (event.key === "k") { select(-1); event.preventDefault(); }
            else if (event.key === "/") {
              var box = document.querySelector("[data-search]");
              if (box) { box.focus(); event.preventDefault(); }
            } else if (event.key === "?") {
              var help = document.getElementById("help");
              if (help) { help.hidden = !help.hidden; }
            }
          });
        })();
        """
}
