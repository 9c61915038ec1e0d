// What the cases views share: a small element builder and a time format. Loaded before the views.
(function () {
  'use strict';
  /** A small element builder for the views: h('td', {className: 'x'}, [children or text]). */
  Kefu.h = function (tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k.indexOf('on') === 0) node.addEventListener(k.slice(2), props[k]);
      else if (k in node) node[k] = props[k];
      else node.setAttribute(k, props[k]);
    });
    [].concat(children === undefined ? [] : children).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    });
    return node;
  };
  Kefu.time = function (ms) { return ms ? new Date(ms).toLocaleString(Kefu.lang() === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false }) : ''; };
})();
