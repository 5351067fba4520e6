/// The version of Nash, recorded in every run file as `nash_version`.
public enum NashVersion {
    public static let string = "0.1.0"
}
