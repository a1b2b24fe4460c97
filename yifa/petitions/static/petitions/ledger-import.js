// 依法 (yifa), 信访/政府信息公开: Upload progress for large 台账 (10,000 rows): the bytes sent, then "checking" while the server validates.
(function () {
  var form = document.querySelector("[data-import-form]");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  form.addEventListener("submit", function (event) {
    var box = form.querySelector(".import-progress"), bar = box.querySelector("progress"), text = box.querySelector("span");
    box.hidden = false;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || window.location.href);
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); text.textContent = "正在上传 " + bar.value + "%"; }
    });
    xhr.upload.addEventListener("load", function () { bar.removeAttribute("value"); text.textContent = "正在逐行检查并保存…"; });
    xhr.addEventListener("load", function () {
      // The redirect after a successful import was followed by the request itself (its message is in this page).
      if (xhr.responseURL && xhr.responseURL !== window.location.href) { window.history.replaceState(null, "", xhr.responseURL); }
      document.open(); document.write(xhr.responseText); document.close();
    });
    xhr.addEventListener("error", function () { text.textContent = "上传失败，请检查网络后重试。"; });
    xhr.send(new FormData(form));
    event.preventDefault();
  });
})();
