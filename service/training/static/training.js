// The training page's untrained list, hundreds of people in a large province: narrowed as the office types a
// name (without its accents, as people type on a phone) or chooses a district or a role, the people shown ticked
// at once, and the number ticked kept in view. Ticks stay when a filter hides someone. Without scripts the whole
// list is shown and the filters stay hidden.
(function () {
  const list = document.querySelector("[data-untrained-list]");
  if (!list) return;
  const filters = list.querySelector("[data-untrained-filters]");
  const search = filters.querySelector("[data-filter=name]");
  const district = filters.querySelector("[data-filter=district]");
  const role = filters.querySelector("[data-filter=role]");
  const people = Array.from(list.querySelectorAll("[data-untrained]"));
  const shown = list.querySelector("[data-shown-count]");
  const ticked = list.querySelector("[data-ticked-count]");
  const plain = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase();
  const names = new Map(people.map((person) => [person, plain(person.textContent)]));
  const format = new Intl.NumberFormat(document.documentElement.lang);

  function narrow() {
    const words = plain(search.value).split(/\s+/).filter(Boolean);
    let count = 0;
    people.forEach(function (person) {
      person.hidden = !((!district.value || person.dataset.district === district.value)
                        && (!role.value || person.dataset.role === role.value)
                        && words.every((word) => names.get(person).includes(word)));
      count += person.hidden ? 0 : 1;
    });
    shown.textContent = format.format(count);
  }
  function count() {
    ticked.textContent = format.format(list.querySelectorAll("[data-untrained] input:checked").length);
  }

  search.addEventListener("input", narrow);
  district.addEventListener("change", narrow);
  role.addEventListener("change", narrow);
  list.addEventListener("change", function (event) {
    if (event.target.name === "attendee") count();
  });
  filters.querySelector("[data-tick-shown]").addEventListener("click", function () {
    people.forEach(function (person) {
      if (!person.hidden) person.querySelector("input").checked = true;
    });
    count();
  });
  filters.hidden = false;
  narrow();
  count();
})();
