// A council member's score sheet: the live sums of its parts (each at most its maximum), the total, its
// star band, and "không đạt" when a mandatory criterion's chosen option is worth 0 points. The box holds
// the sheet's layout (data-score-sheet: parts with maxima; per criterion field its part, points per
// option and whether it is mandatory) and the bands, [[lowest total, stars], ...]. The service sums again.
(function () {
  const box = document.querySelector("[data-score-sheet]");
  if (!box) return;
  const form = box.closest("form");
  const layout = JSON.parse(box.dataset.scoreSheet);
  const bands = JSON.parse(box.dataset.starBands);
  const total = box.querySelector("[data-score-total]");
  const stars = box.querySelector("[data-score-stars]");
  const notAchieved = box.querySelector("[data-score-not-achieved]");
  const lang = document.documentElement.lang;

  function chosen(name) {
    const select = form.querySelector("select[name='" + name + "']");
    if (select) return select.value;
    const radio = form.querySelector("input[name='" + name + "']:checked");
    return radio ? radio.value : "";
  }

  function update() {
    const sums = Object.fromEntries(layout.parts.map((part) => [part.code, 0]));
    let failed = false;
    Object.entries(layout.criteria).forEach(([name, criterion]) => {
      const option = chosen(name);
      if (option === "") return;
      const points = criterion.points[option] || 0;
      sums[criterion.part] += points;
      if (criterion.mandatory && points === 0) failed = true;
    });
    let sum = 0;
    layout.parts.forEach((part) => {
      const points = Math.min(sums[part.code], part.maximum);
      sum += points;
      box.querySelector("[data-score-part='" + part.code + "']").textContent = points.toLocaleString(lang);
    });
    sum = Math.round(sum * 100) / 100;
    const band = bands.find(([lowest]) => sum >= lowest);
    total.textContent = sum.toLocaleString(lang, {minimumFractionDigits: 1, maximumFractionDigits: 1});
    stars.textContent = "★".repeat(band[1]);
    stars.dataset.stars = band[1];
    notAchieved.hidden = !failed;
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
})();
