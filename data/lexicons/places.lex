# Place names that transliteration rules cannot bring together: other
# names or old spellings of a place, with the gazetteer's name.
# Format: VARIANT | VARIANT ... => place name=GAZETTEER_NAME
# (Spelling variants such as Raqqa / Raqqah / Rakka / al-Raqqa need no
# entry: data/lexicons/translit.txt reduces them to one key.)
Halab => place name=Aleppo
Kiev => place name=Kyiv
Bombay => place name=Mumbai
Calcutta => place name=Kolkata
Madras => place name=Chennai
Peking => place name=Beijing
Rangoon => place name=Yangon
Saigon => place name=Ho Chi Minh City
Burma => place name=Myanmar
Ivory Coast => place name=Côte d'Ivoire
Upper Volta => place name=Burkina Faso
Zaire => place name=Congo, The Democratic Republic of the
DR Congo | DRC => place name=Congo, The Democratic Republic of the
East Timor => place name=Timor-Leste
Swaziland => place name=Eswatini
Holland => place name=Netherlands
Persia => place name=Iran
Al-Quds => place name=Jerusalem
Gaza Strip => place name=Gaza
West Bank => place name=West Bank
Russia => place name=Russian Federation
Britain | Great Britain | UK | U.K. => place name=United Kingdom
Turkey => place name=Türkiye
Macedonia => place name=North Macedonia
Brunei => place name=Brunei Darussalam
Cape Verde => place name=Cabo Verde
Vatican | Vatican City => place name=Holy See (Vatican City State)

# Cities by their own language's names, where the gazetteer has the English one
Milano => place name=Milan
Torino => place name=Turin
Napoli => place name=Naples
Genova => place name=Genoa
Venezia => place name=Venice
Firenze => place name=Florence
Roma => place name=Rome
Padova => place name=Padua
Siracusa => place name=Syracuse
München => place name=Munich
Köln => place name=Cologne
Wien => place name=Vienna
Praha => place name=Prague
Warszawa => place name=Warsaw
Lisboa => place name=Lisbon
Bruxelles | Brussel => place name=Brussels
Antwerpen => place name=Antwerp
Sevilla => place name=Seville
Kobenhavn | København => place name=Copenhagen
Athina => place name=Athens
Bucuresti | București => place name=Bucharest
Beograd => place name=Belgrade
Kyiv | Kyyiv => place name=Kyiv
Moskva => place name=Moscow
Al Qahirah => place name=Cairo
Ciudad de Mexico | Mexico City => place name=Mexico City
Marrakech => place name=Marrakesh
Lower Shabelle | Shabelle Hoose => place name=Lower Shabeelle
