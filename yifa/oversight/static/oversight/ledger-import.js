// 依法 (yifa), 台账导入 of oversight and training: upload progress for large ledgers (10,000 rows), then
// "checking" while the server validates every row. Without JavaScript the form posts normally.
(function () {
  var form = document.querySelector("form[data-import-form]");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  form.addEventListener("submit", function (event) {
    var box = form.querySelector(".ot-progress"), bar = box.querySelector("progress"), text = box.querySelector("span");
    var button = form.querySelector("button[type=submit]");
    box.hidden = false;
    button.disabled = true;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || window.location.href);
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round(100 * e.loaded / e.total);
        text.textContent = "正在上传 " + bar.value + "%";
      }
    });
    xhr.upload.addEventListener("load", function () {
      bar.removeAttribute("value");
      text.textContent = "已上传，正在逐行检查并保存…";
    });
    xhr.addEventListener("load", function () {
      // A successful import redirects to the list; the request followed it, so show that page and its address.
      if (xhr.responseURL && xhr.responseURL !== window.location.href) {
        window.history.replaceState(null, "", xhr.responseURL);
      }
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener("error", function () {
      text.textContent = "上传失败，请检查网络后重试。";
      button.disabled = false;
    });
    xhr.send(new FormData(form));
    event.preventDefault();
  });
})();
