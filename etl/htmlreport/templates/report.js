// Shows one section at a time (by the URL fragment) and draws a section's charts when it is first
// shown: vega-embed needs a visible container to size `width: container` charts.
(function () {
  "use strict";
  const specs = JSON.parse(document.getElementById("report-specs").textContent);
  const companyTable = JSON.parse(document.getElementById("report-companies").textContent);
  const companyRows = (id) => (companyTable.rows[id] || []).map(
    (r) => Object.fromEntries(companyTable.fields.map((f, i) => [f, r[i]])));
  const state = { errors: [], pending: 0 };
  window.newsfactsReport = state;
  window.addEventListener("error", (e) => state.errors.push(String(e.message || e)));
  window.addEventListener("unhandledrejection", (e) => state.errors.push(String(e.reason)));

  function specFor(el) {
    const spec = specs[el.dataset.chart];
    if (!spec) throw new Error("no chart spec " + el.dataset.chart);
    if (!el.dataset.company) return spec;
    return Object.assign({}, spec, { datasets: Object.assign({}, spec.datasets, { company: companyRows(el.dataset.company) }) });
  }

  async function draw(el) {
    if (el.dataset.state) return;
    el.dataset.state = "drawing";
    state.pending += 1;
    try {
      // into a child: the padded, bordered box is not the width a `container` chart may fill
      const target = el.appendChild(document.createElement("div"));
      await window.vegaEmbed(target, specFor(el), { actions: false, renderer: "svg" });
      el.dataset.state = "drawn";
    } catch (err) {
      el.dataset.state = "failed";
      state.errors.push(el.dataset.chart + ": " + err);
    } finally {
      state.pending -= 1;
    }
  }

  function show() {
    const id = decodeURIComponent(location.hash.slice(1)) || "overview";
    const page = document.getElementById(id);
    const target = page && page.classList.contains("page") ? page : document.getElementById("overview");
    document.querySelectorAll(".page.shown").forEach((p) => p.classList.remove("shown"));
    target.classList.add("shown");
    const section = target.classList.contains("company") ? "companies" : target.id;
    document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.getAttribute("href") === "#" + section));
    target.querySelectorAll(".chart").forEach(draw);
    window.scrollTo(0, 0);
  }

  const filter = document.getElementById("company-filter");
  filter.addEventListener("input", () => {
    const q = filter.value.trim().toLowerCase();
    document.querySelectorAll("#company-index tbody tr").forEach((tr) => {
      tr.hidden = q !== "" && !tr.cells[0].textContent.toLowerCase().includes(q);
    });
  });
  window.addEventListener("hashchange", show);
  show();
})();
