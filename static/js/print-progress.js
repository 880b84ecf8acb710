// Progressive enhancement of a batch print's progress page (templates/printing/batch_job.html):
// without JavaScript the page refreshes itself every 2 s; with it, the progress bar follows the
// JSON status and the page reloads once when the job is done or has failed (to show the link).
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-status-url]");
  if (!box || !["queued", "running"].includes(box.dataset.state) || !window.fetch) return;
  const bar = document.getElementById("job-progress");
  const message = document.getElementById("job-message");
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      const status = await response.json();
      bar.max = status.total;
      bar.value = status.done;
      bar.textContent = `${status.percent}%`;
      if (message.textContent !== status.message) message.textContent = status.message;
      if (status.state === "done" || status.state === "failed") {
        window.location.reload();
        return;
      }
    } catch (error) {
      // A hiccup (a restart, the network): keep trying; the server decides when a job has died.
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 500);
});
