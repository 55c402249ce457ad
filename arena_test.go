package apinizer

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// plainCredential has Credential's fields and none of its methods, so a
// list of it decodes the plain encoding/json way, without the arena.
type plainCredential Credential

// decodeBothWays decodes one "resultList" value as []Credential (through
// the arena) and as []plainCredential.
func decodeBothWays(t *testing.T, list string) (arena, plain []Credential, arenaErr, plainErr error) {
	t.Helper()
	arena, arenaErr = decodeList[Credential](json.NewDecoder(strings.NewReader(list)))
	p, plainErr := decodeList[plainCredential](json.NewDecoder(strings.NewReader(list)))
	for _, c := range p {
		plain = append(plain, Credential(c))
	}
	if plain == nil && p != nil {
		plain = []Credential{}
	}
	return arena, plain, arenaErr, plainErr
}

// checkArenaDecode is the property: the arena changes nothing a caller can
// see. Same error (or none), same items (nil and empty lists kept apart),
// and appending to each item's lists leaves every other item as it was.
func checkArenaDecode(t *testing.T, list string) {
	t.Helper()
	got, want, gotErr, wantErr := decodeBothWays(t, list)
	// The type's name is in encoding/json's messages.
	if fmt.Sprint(gotErr) != strings.ReplaceAll(fmt.Sprint(wantErr), "plainCredential", "Credential") {
		t.Fatalf("%s\nerror %v, plain decoding: %v", list, gotErr, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s\ngot   %#v\nplain %#v", list, got, want)
	}
	for i := range got {
		got[i].RoleNames = append(got[i].RoleNames, "appended")
		got[i].IPList = append(got[i].IPList, "appended")
	}
	for i := range got {
		roles, ips := got[i].RoleNames, got[i].IPList
		if !reflect.DeepEqual(roles[:len(roles)-1:len(roles)-1], want[i].RoleNames) && want[i].RoleNames != nil ||
			!reflect.DeepEqual(ips[:len(ips)-1:len(ips)-1], want[i].IPList) && want[i].IPList != nil {
			t.Fatalf("%s\nappending to the items changed item %d: %q %q", list, i, roles, ips)
		}
	}
}

func TestArenaDecodesLikeEncodingJSON(t *testing.T) {
	many := `["a","b","c","d","e","f","g","h","i","j"]`
	for name, list := range map[string]string{
		"absent, null, empty and set": `[{"username":"a"},{"roleNameList":null,"ipList":[]},{"roleNameList":["R"],"ipList":["1.2.3.4","10.0.0.0/8"]}]`,
		"an item that is null":        `[{"roleNameList":["R"]},null,{"ipList":["I"]}]`,
		"a list outgrows its loan":    `[{"roleNameList":["a","b","c"]},{"roleNameList":` + many + `},{"roleNameList":[null,"x"]}]`,
		"null elements":               `[{"roleNameList":[null,"b",null]},{"roleNameList":[null]}]`,
		"a field given twice":         `[{"roleNameList":["a","b"],"roleNameList":["c",null]},{"roleNameList":["d"],"roleNameList":[]}]`,
		"a wrong element type":        `[{"roleNameList":["a"]},{"roleNameList":["b",1]}]`,
		"not a list":                  `[{"roleNameList":"R"}]`,
		"empty":                       `[]`,
		"null":                        `null`,
	} {
		t.Run(name, func(t *testing.T) { checkArenaDecode(t, list) })
	}
	t.Run("thousands of items span arenas", func(t *testing.T) {
		var b strings.Builder
		b.WriteByte('[')
		for i := range 3000 {
			if i > 0 {
				b.WriteByte(',')
			}
			// Lists of 0 to 6 roles, some absent, some null.
			switch i % 9 {
			case 7:
				b.WriteString(`{"ipList":null}`)
			case 8:
				b.WriteString(`{"roleNameList":[]}`)
			default:
				fmt.Fprintf(&b, `{"roleNameList":[%s"last"],"ipList":["%d"]}`, strings.Repeat(`"r",`, i%7), i)
			}
		}
		b.WriteByte(']')
		checkArenaDecode(t, b.String())
	})
}

// FuzzArenaDecode checks the same property on any list.
func FuzzArenaDecode(f *testing.F) {
	f.Add(`[{"roleNameList":["a","b"],"ipList":["c"]},{"roleNameList":["d","e","f","g","h"]},{}]`)
	f.Add(`[{"roleNameList":[null,"x"]},null,{"ipList":[]}]`)
	f.Add(`[{"roleNameList":["a"],"roleNameList":["b",null,"c"]}]`)
	f.Fuzz(func(t *testing.T, list string) {
		checkArenaDecode(t, list)
	})
}
