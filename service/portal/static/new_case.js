// The idea form: choosing one of the entity's existing products fills the product's fields with its
// values (the page carries them as JSON); the producer may still change them before sending.
(function () {
  const choice = document.getElementById("field-product_id");
  const products = JSON.parse(document.getElementById("existing-products").textContent);
  choice.addEventListener("change", function () {
    const fields = products[choice.value];
    if (!fields) return;
    Object.entries(fields).forEach(function ([name, value]) {
      const input = document.getElementById("field-" + name);
      if (input && value !== null) {
        input.value = value;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  });
})();
