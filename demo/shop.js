// Demo glue: a consent banner and a footer showing the visitor's segment, all through
// the public edgeseg API (no innerHTML: only textContent).
(function () {
  var es = window.edgeseg; // the stub until the SDK loads; it forwards afterwards
  var banner = document.getElementById('consent-banner');
  function $(id) {
    return document.getElementById(id);
  }
  function showSegment() {
    es.segment().then(function (s) {
      $('segment').textContent = s.label || 'none yet';
      $('why').textContent = s.explanation;
    });
  }
  function showBanner() {
    Promise.resolve(es.consent.get()).then(function (state) {
      banner.hidden = state.personalization !== 'pending';
    });
  }
  $('accept').addEventListener('click', function () {
    // Measurement is its own choice: without it nothing about this visit leaves the browser.
    es.consent.set({ personalization: true, measurement: $('measure').checked }).then(showBanner);
  });
  $('decline').addEventListener('click', function () {
    es.consent.set({ personalization: false, measurement: false }).then(showBanner);
  });
  $('revoke').addEventListener('click', function () {
    es.consent.revoke().then(showBanner);
  });
  $('forget').addEventListener('click', function () {
    es.forget().then(showBanner);
  });
  $('export').addEventListener('click', function () {
    es.exportData().then(function (data) {
      var url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      var a = document.createElement('a');
      a.href = url;
      a.download = 'edgeseg-data.json';
      a.click();
      setTimeout(function () {
        URL.revokeObjectURL(url);
      }, 1000);
    });
  });
  es.on('segment', showSegment);
  es.ready.then(function () {
    showBanner();
    showSegment();
  });
})();
