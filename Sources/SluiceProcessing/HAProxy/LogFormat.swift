/// The HAProxy access-log layouts the parser reads.
///
/// This module's own enumeration, not the manifest's: the processing code stays free of dependencies, and the
/// processor maps one to the other.
package enum LogFormat: String, Hashable, Sendable, CaseIterable {
    /// `option httplog`:
    /// `%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r`.
    case http
    /// `option httplog clf`: `%{+Q}o %{-Q}ci - - [%trg] %r %ST %B "" "" %cp %ms %ft %b %s %TR %Tw %Tc %Tr %Ta %tsc
    /// %ac %fc %bc %sc %rc %sq %bq %CC %CS %hrl %hsl`.
    case clf
}
