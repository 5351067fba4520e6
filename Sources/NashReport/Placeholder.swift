import NashStore
public enum NashReportInfo { }
