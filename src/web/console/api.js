// The agent API from the browser: JSON in and out, the CSRF token on every change, errors as Kefu.ApiError.
(function () {
  'use strict';
  var csrf = '';

  function ApiError(status, body) {
    this.status = status;
    this.code = body && body.code;
    this.message = (body && body.error) || String(status);
  }

  function call(method, path, body) {
    var headers = { accept: 'application/json' };
    if (method !== 'GET') headers['x-csrf-token'] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' })
      .then(function (res) {
        return res.text().then(function (text) {
          var parsed = null;
          try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = { error: text }; }
          if (!res.ok) throw new ApiError(res.status, parsed);
          return parsed;
        });
      });
  }

  /** The message an agent should read for a failed call, in their language. */
  function explain(err) {
    if (err && err.code && Kefu.t(err.code) !== err.code) return Kefu.t(err.code);
    if (err && err.status === 413) return Kefu.t('tooLong');
    return Kefu.t('error') + (err && err.message ? '：' + err.message : '');
  }

  Kefu.api = {
    setCsrf: function (token) { csrf = token; },
    get: function (path) { return call('GET', path); },
    post: function (path, body) { return call('POST', path, body === undefined ? {} : body); },
    del: function (path) { return call('DELETE', path); },
    explain: explain,
  };
})();
