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
