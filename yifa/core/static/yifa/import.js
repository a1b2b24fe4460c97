// 依法 (yifa) 台账导入 page (core/import.html): upload with a progress bar, then follow the server's streamed
// progress (one JSON object a line: {"stage":"check"|"save","done":n,"total":N}, then {"ok":...}).
// Without this script the form posts normally and the server answers with the page or a redirect.
(function () {
  "use strict";
  var form = document.querySelector("form[data-import]");
  if (!form || !window.XMLHttpRequest || !window.FormData || !window.JSON) return;
  var box = form.querySelector(".import-progress");
  var bar = box.querySelector("progress");
  var label = box.querySelector("[data-import-stage]");
  var button = form.querySelector("button[type=submit]");
  var errors = document.querySelector("[data-import-errors]");
  // Share of the bar for each stage: upload, check, save.
  var SPAN = { upload: [0, 15], check: [15, 55], save: [55, 100] };

  function show(stage, fraction, text) {
    var span = SPAN[stage];
    bar.value = Math.round(span[0] + (span[1] - span[0]) * Math.max(0, Math.min(1, fraction)));
    label.textContent = text;
  }

  function number(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  function cell(row, name, text) {
    var td = document.createElement("td");
    td.setAttribute("data-label", name);
    td.textContent = text;
    row.appendChild(td);
  }

  function showErrors(message) {
    var list = message.errors || [];
    var body = errors.querySelector("[data-import-rows]");
    while (body.firstChild) body.removeChild(body.firstChild);
    list.forEach(function (e) {
      var tr = document.createElement("tr");
      cell(tr, "行", e.row ? "第 " + e.row + " 行" : "—");
      cell(tr, "列", e.column || "—");
      cell(tr, "问题", e.message);
      body.appendChild(tr);
    });
    var count = message.count || list.length;
    errors.querySelector("[data-import-count]").textContent = count;
    errors.querySelector("[data-import-cap]").textContent = count > list.length ? "以下列出前 " + list.length + " 处。" : "";
    errors.hidden = false;
    box.hidden = true;
    button.disabled = false;
    errors.scrollIntoView({ block: "start" });
  }

  function fail(text) {
    showErrors({ count: 1, errors: [{ row: 0, column: "", message: text }] });
  }

  function handle(message) {
    if (message.stage === "check") {
      var approx = message.done < message.total ? "约 " : "";
      show("check", message.total ? message.done / message.total : 0,
        "正在校验第 " + number(message.done) + " 行（共" + approx + number(message.total) + " 行）…");
    } else if (message.stage === "save") {
      show("save", message.total ? message.done / message.total : 0,
        message.done ? "正在保存第 " + number(message.done) + " 行（共 " + number(message.total) + " 行）…" : "全部无误，正在保存…");
    } else if (message.ok === true) {
      show("save", 1, (message.message || "导入完成。") + "正在打开列表…");
      window.location.assign(message.redirect);
      return true;
    } else if (message.ok === false) {
      showErrors(message);
      return true;
    }
    return false;
  }

  form.addEventListener("submit", function (event) {
    var input = form.querySelector("input[type=file]");
    if (!input || !input.files || !input.files.length) return; // the server's page says what is missing
    event.preventDefault();
    errors.hidden = true;
    box.hidden = false;
    button.disabled = true;
    show("upload", 0, "正在上传…");
    if (box.scrollIntoView) box.scrollIntoView({ block: "nearest" }); // on a phone the bar is below the form
    var xhr = new XMLHttpRequest();
    var read = 0, finished = false;
    function consume() {
      var text = xhr.responseText, end;
      while (!finished && (end = text.indexOf("\n", read)) !== -1) {
        var line = text.slice(read, end);
        read = end + 1;
        if (line.trim()) {
          try { finished = handle(JSON.parse(line)); } catch (e) { /* not our answer: reported on load */ }
        }
      }
    }
    xhr.open("POST", form.getAttribute("action") || window.location.href);
    xhr.setRequestHeader("Accept", "application/x-ndjson");
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) show("upload", e.loaded / e.total, "正在上传 " + Math.round(100 * e.loaded / e.total) + "%…");
    });
    xhr.upload.addEventListener("load", function () { show("check", 0, "已上传，正在校验…"); });
    xhr.addEventListener("progress", function () {
      if ((xhr.getResponseHeader("Content-Type") || "").indexOf("ndjson") !== -1) consume();
    });
    xhr.addEventListener("load", function () {
      var ndjson = (xhr.getResponseHeader("Content-Type") || "").indexOf("ndjson") !== -1;
      if (ndjson) consume();
      if (finished) return;
      if (xhr.status === 403) fail("您没有在本单位导入这个台账的权限（可能已切换了单位或登录已过期），未导入任何数据。");
      else if (ndjson) fail("连接在导入完成前中断，已全部撤销，未导入任何数据。请重新上传。");
      else fail("服务器没有返回导入结果（可能登录已过期），未导入任何数据。请刷新页面后重试。");
    });
    xhr.addEventListener("error", function () { fail("上传失败，请检查网络后重试；未导入任何数据。"); });
    xhr.send(new FormData(form));
  });
})();
