// The public status page's behaviour (a file, not inline: the page's HTML is the same for every
// anonymous reader, and kept).
// The page is read again and again during an outage: it refreshes itself every minute.
setTimeout(function () {
  location.reload();
}, 60000);
// One tab stop per service's bars (today); the arrow keys, Home and End move between the days.
document.querySelectorAll('.days').forEach(function (days) {
  days.addEventListener('keydown', function (event) {
    const bars = Array.from(days.children);
    const at = bars.indexOf(document.activeElement);
    const to = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: bars.length - 1 }[event.key];
    if (at < 0 || to === undefined || !bars[to]) return;
    event.preventDefault();
    bars[at].tabIndex = -1;
    bars[to].tabIndex = 0;
    bars[to].focus();
  });
});
