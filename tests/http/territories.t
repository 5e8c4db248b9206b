# The list of regions with figures and a chart.
> GET /territories
< 200
< contains Territorio del Perú
< contains <a href="/territories/02">Áncash</a>
< contains 1,205,639
< contains <svg class="chart"
< contains role="img"

# Search is accent- and case-insensitive.
> GET /territories?q=nunoa
< 200
< contains <a href="/territories/210806">Nuñoa</a>

> GET /territories?q=ANCASH
< 200
< contains Áncash

> GET /territories?q=zzzzqq
< 200
< contains Ningún ámbito coincide

# Markup in the query is escaped, never echoed raw.
> GET /territories?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E
< 200
< contains &lt;script&gt;alert(1)&lt;/script&gt;
< !contains <script>alert(1)

# Bounds: a query over 100 characters is refused with a clear message.
> GET /territories?q=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
< 400
< contains El campo &quot;q&quot; es demasiado largo

# Invalid UTF-8 is refused.
> GET /territories?q=%FF%FE
< 400
< contains UTF-8

# Paging through results.
> GET /territories?q=san&offset=50
< 200
< contains Anterior
