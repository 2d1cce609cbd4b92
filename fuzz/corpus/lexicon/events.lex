firebomb | torch => event cameo=183 plover=ASSAULT mode=explosives acled=ied pos=verb
fall to => event cameo=192 plover=COERCE acled=capture pos=verb voice=inverse
