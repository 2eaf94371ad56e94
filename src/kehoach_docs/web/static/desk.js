// The desk's only script: follow a running job's progress, then show its result.
"use strict";
(function () {
  const box = document.getElementById("job");
  if (!box || !["chờ", "đang làm"].includes(box.dataset.state)) return;
  const bar = document.getElementById("job-bar");
  const label = document.getElementById("job-label");
  async function poll() {
    try {
      const answer = await fetch(`/viec/${box.dataset.job}.json`, { cache: "no-store" });
      const job = await answer.json();
      if (job.finished) { window.location.reload(); return; }
      if (job.total) { bar.max = job.total; bar.value = job.done; }
      label.textContent = job.label ? `${job.label}: ${job.done}/${job.total}` : "Đang làm…";
    } catch (error) {
      label.textContent = "Mất kết nối với máy chủ, đang thử lại…";
    }
    setTimeout(poll, 400);
  }
  setTimeout(poll, 200);
})();
