// Accelerated time for the demo's visitor simulator, inlined in every page's <head>
// before the SDK: Date.now() runs ahead by the simulated seconds (kept for this tab in
// sessionStorage), so the SDK measures each simulated page as if the visitor had spent
// that long on it. The panel says so on screen; without a simulation nothing is ahead.
(function () {
  var KEY = 'demo:clock-ahead-ms';
  var real = Date.now.bind(Date);
  var ahead = 0;
  try {
    ahead = Number(sessionStorage.getItem(KEY)) || 0;
  } catch (e) {
    /* no sessionStorage: real time */
  }
  Date.now = function () {
    return real() + ahead;
  };
  window.demoClock = {
    ahead: function () {
      return ahead;
    },
    advance: function (ms) {
      ahead += ms;
      try {
        sessionStorage.setItem(KEY, String(ahead));
      } catch (e) {
        /* this page only */
      }
    },
  };
})();
