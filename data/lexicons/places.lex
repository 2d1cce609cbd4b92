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
PRC => place name=China
DPRK => place name=North Korea
ROK => place name=South Korea
KSA => place name=Saudi Arabia
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

# Regions by their own language's names, where the gazetteer has the
# English one (ISO 3166-2 names that do not match GeoNames' are taken by
# the model builder where a region's towns or name prefix tell which)
Bayern => place name=Bavaria
Niedersachsen => place name=Lower Saxony
Nordrhein-Westfalen => place name=North Rhine-Westphalia
Sachsen => place name=Saxony
Sachsen-Anhalt => place name=Saxony-Anhalt
Thüringen | Thueringen => place name=Thuringia
Hessen => place name=Hesse
Bretagne => place name=Brittany
Normandie => place name=Normandy
Nouvelle-Aquitaine => place name=New Aquitaine
Corse => place name=Corsica
Cataluña | Cataluna | Catalunya => place name=Catalonia
Andalucía | Andalucia => place name=Andalusia
País Vasco | Pais Vasco | Euskadi => place name=Basque Country
Castilla y León | Castilla y Leon => place name=Castille and León
Castilla-La Mancha => place name=Castille-La Mancha
Comunidad Valenciana | Comunitat Valenciana => place name=Valencia
Islas Baleares | Illes Balears => place name=Balearic Islands
Canarias | Islas Canarias => place name=Canary Islands
Navarra => place name=Navarre
Lombardia => place name=Lombardy
Piemonte => place name=Piedmont
Toscana => place name=Tuscany
Sicilia => place name=Sicily
Sardegna => place name=Sardinia
Valle d'Aosta => place name=Aosta Valley
Tirol => place name=Tyrol
Steiermark => place name=Styria
Kärnten | Kaernten => place name=Carinthia
Oberösterreich | Oberoesterreich => place name=Upper Austria
Niederösterreich | Niederoesterreich => place name=Lower Austria
Vlaanderen => place name=Flanders
Wallonie => place name=Wallonia
Mazowieckie => place name=Mazovia
Małopolskie | Malopolskie => place name=Lesser Poland
Śląskie | Slaskie => place name=Silesia
Dolnośląskie | Dolnoslaskie => place name=Lower Silesia
Wielkopolskie => place name=Greater Poland
Pomorskie => place name=Pomerania
Zachodniopomorskie => place name=West Pomerania
Podkarpackie => place name=Subcarpathia
Genève => place name=Geneva
Luzern => place name=Lucerne
Graubünden => place name=Grisons
North Jeolla => place name=Jeollabuk-do
South Jeolla => place name=Jeollanam-do
North Gyeongsang => place name=Gyeongsangbuk-do
South Gyeongsang => place name=Gyeongsangnam-do
South Chungcheong => place name=Chungcheongnam-do
Extrême-Nord | Extreme-Nord => place name=Far North
KPK | Khyber-Pakhtunkhwa => place name=Khyber Pakhtunkhwa
Gandaki => place name=Gandaki Pradesh
Karnali => place name=Karnali Pradesh
Sudurpashchim => place name=Sudurpashchim Pradesh
# The abbreviations of US states and Canadian provinces that news puts
# after a town ("Charleston, W.Va.", "Vancouver, B.C."); the short ones
# that are also common words or names (Pa., Ga., La., Miss., Ind., Kan.)
# are left out, and so is Alta (a Spanish word).  D.C. is the District of
# Columbia, or the capital district of Colombia ("Bogota, D.C."): the
# geocoder chooses by the places beside it.
Ariz => place name=Arizona
Calif => place name=California
Colo => place name=Colorado
Fla => place name=Florida
Ky => place name=Kentucky
Mich => place name=Michigan
Minn => place name=Minnesota
Neb => place name=Nebraska
Nev => place name=Nevada
N.H. => place name=New Hampshire
N.J. => place name=New Jersey
N.M. => place name=New Mexico
N.Y. => place name=New York
N.C. => place name=North Carolina
N.D. => place name=North Dakota
Okla => place name=Oklahoma
R.I. => place name=Rhode Island
S.C. => place name=South Carolina
S.D. => place name=South Dakota
Tenn => place name=Tennessee
Vt => place name=Vermont
W.Va. => place name=West Virginia
Wis => place name=Wisconsin
Wyo => place name=Wyoming
B.C. => place name=British Columbia
D.C. => place name=District of Columbia
D.C. => place name=Bogota D.C.
Sask => place name=Saskatchewan
Nfld => place name=Newfoundland and Labrador
P.E.I. => place name=Prince Edward Island
# Parts of the world by the names the news gives them (the gazetteer's are
# world-countries' subregions).
Middle East | Mideast => place name=Western Asia
