"use strict";
// The review form's rating scale follows its source: choosing a source sets the source's own
// scale (its option's data-rating-scale), unless the editor has chosen a scale other than the one
// the form was opened with. The server decides the same way on save (ReviewForm.clean).
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("id_source");
  const scale = document.getElementById("id_rating_scale");
  if (!source || !scale) {
    return;
  }
  const opened = [...scale.options].find((option) => option.defaultSelected)?.value ?? scale.value;
  let chosen = false;
  scale.addEventListener("change", () => {
    chosen = scale.value !== opened;
  });
  source.addEventListener("change", () => {
    const sourceScale = source.selectedOptions[0]?.dataset.ratingScale;
    if (sourceScale && !chosen) {
      scale.value = sourceScale;
    }
  });
});
