# The stylesheet is compiled in, with an ETag; a matching If-None-Match gets 304.
> GET /static/minka.css
< 200
< header Content-Type: text/css
< header Cache-Control: max-age
< capture etag ETag: "
< contains .figures

> GET /static/minka.css
> If-None-Match: "{{etag}}"
< 304

> GET /static/favicon.svg
< 200
< header Content-Type: image/svg+xml

> GET /static/nothing.css
< 404

> GET /static/..%2Fpo%2Fes.po
< 404
