# Accept-Language picks the language when there is no cookie or ?lang.
> GET /territories
> Accept-Language: en-US,en;q=0.9
< 200
< header Content-Language: en
< contains Territory of Peru

> GET /territories
> Accept-Language: fr-FR, es;q=0.8, en;q=0.5
< 200
< contains Territorio del Perú

# An unknown ?lang falls back to the negotiated language.
> GET /territories?lang=xx
> Accept-Language: en
< 200
< header Content-Language: en
< !header Set-Cookie
