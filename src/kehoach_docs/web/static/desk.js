// The desk's only script: follow a running job's progress, and make the forms do what the
// officer chose (each part works without it too, only less handily).
"use strict";

(function followJob() {
  const box = document.getElementById("job");
  if (!box || !["waiting", "running"].includes(box.dataset.state)) return;
  const bar = document.getElementById("job-bar");
  const label = document.getElementById("job-label");
  async function poll() {
    try {
      const answer = await fetch(`/viec/${box.dataset.job}.json`, { cache: "no-store" });
      const job = await answer.json();
      if (job.finished) { window.location.reload(); return; }
      // Its steps counted and done, it still writes: the bar moves without a count.
      if (job.saving) bar.removeAttribute("value");
      else if (job.total) { bar.max = job.total; bar.value = job.done; }
      label.textContent = job.line;
    } catch (error) {
      label.textContent = "Mất kết nối với máy chủ, đang thử lại…";
    }
    setTimeout(poll, 400);
  }
  setTimeout(poll, 200);
})();

(function fileChosenIsUsed() {
  // Letters: picking a file is choosing it (the server uses a file sent in any case).
  const file = document.getElementById("export-file");
  const upload = document.getElementById("source-upload");
  if (!file || !upload) return;
  file.addEventListener("change", () => { if (file.files.length) upload.checked = true; });
})();

(function periodShown() {
  // Report: the page always shows the period chosen, so its button makes that one.
  const period = document.getElementById("period");
  if (!period) return;
  period.addEventListener("change", () => {
    document.querySelectorAll("#make-form button").forEach((button) => { button.disabled = true; });
    period.form.submit();
  });
})();

(function calendars() {
  // Days are typed dd/mm/yyyy whatever the browser's language; the browser's own calendar
  // only fills the text in.
  document.querySelectorAll(".date-field").forEach((field) => {
    const text = field.querySelector("input[type=text]");
    const picker = field.querySelector("input[type=date]");
    const button = field.querySelector("button.calendar");
    if (!text || !picker || !button || typeof picker.showPicker !== "function") return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const typed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.value.trim());
      picker.value = typed
        ? `${typed[3]}-${typed[2].padStart(2, "0")}-${typed[1].padStart(2, "0")}` : "";
      try { picker.showPicker(); } catch (error) { text.focus(); }
    });
    picker.addEventListener("change", () => {
      const chosen = /^(\d{4})-(\d{2})-(\d{2})$/.exec(picker.value);
      if (chosen) text.value = `${chosen[3]}/${chosen[2]}/${chosen[1]}`;
      text.focus();
    });
  });
})();
